// Training catalogue, labels, trade pages and school requests.
export {};
