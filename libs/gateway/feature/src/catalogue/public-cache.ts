/** Public reference reads may be cached briefly by browsers and proxies: a busy portal stays off the services. */
export const PUBLIC_CACHE = 'public, max-age=30';
