// The public surface of @app/read-models.
export {};
