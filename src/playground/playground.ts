import type express from 'express';

/** Placeholder until the Playground lands: GET /graphql from a browser. */
export function mountPlayground(app: express.Express, path: string): void {
  void app;
  void path;
}
