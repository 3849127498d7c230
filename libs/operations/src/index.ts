// The public surface of @app/operations.
export {};
