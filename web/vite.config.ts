/**
 * Builds the community portal (`web/`) into `web/dist/`, which `openpcs serve` serves at `/`
 * (`src/api/portal-static.ts`). Every view is its own chunk (dynamic `import()` in `src/main.ts`); MapLibre
 * is only loaded by the map view. Nothing is fetched from outside at run time: the basemap is the shipped
 * `data-static/geo/san-pedro-bay.geojson`, emitted as a hashed asset.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // MapLibre alone is ~1 MB minified; it is its own chunk, loaded by the map view only.
    chunkSizeWarningLimit: 1200,
    assetsInlineLimit: 0,
  },
});
