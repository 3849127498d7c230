// The public surface of @app/access.
export {};
