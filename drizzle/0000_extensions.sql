-- Extensions Grappe relies on: trigram similarity (duplicate names, fuzzy search) and unaccent.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
