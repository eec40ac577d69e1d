import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 8000}`;

export default defineConfig({
  plugins: [react()],
  server: {
    // In development the dashboard talks to the API through Vite, same origin.
    proxy: { '/graphql': { target: api, ws: true }, '/health': api, '/admin': api },
  },
});
