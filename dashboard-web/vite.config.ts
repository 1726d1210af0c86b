import { defineConfig } from 'vite';

// The panel is built straight into the sidecar's classes (/web on the classpath), so `mvn package` ships it in
// the jar. Fixed file names (no hashes): public/index.html names them itself, because the sidecar serves that page
// as a template (it fills in the API token) rather than as a Vite entry.
export default defineConfig({
  publicDir: 'public',
  build: {
    outDir: '../sidecar/target/classes/web',
    emptyOutDir: true,
    target: 'es2020',
    cssCodeSplit: false,
    // challenge.js (ECharts, ~535 kB) is loaded only when the Challenge page opens; app.js stays ~260 kB
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      input: 'src/main.ts',
      output: {
        entryFileNames: 'assets/app.js',
        // pages loaded on demand (the Challenge page) get their own fixed-name file beside app.js
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
  test: { include: ['test/**/*.test.ts'] },
});
