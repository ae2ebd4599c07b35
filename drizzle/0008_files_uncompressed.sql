-- Files kept in the database (FILE_STORAGE=database) are served in 1 MiB slices (/files/[key] reads
-- substring(data …)). Stored compressed, every slice would decompress the whole value first; logos are
-- WebP and videos MP4/WebM, already compressed, so keep them out of line and uncompressed. Rows written
-- before keep their storage until rewritten.
ALTER TABLE "stored_files" ALTER COLUMN "data" SET STORAGE EXTERNAL;
