import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import {
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  TextMapGetter,
  trace,
} from '@opentelemetry/api';
import { tracer, tracingEnabled } from '@app/tracing';
import { GraphQLResolveInfo, responsePathAsArray } from 'graphql';

const HEADERS: TextMapGetter<HeaderMap | undefined> = {
  keys: (headers) => (headers ? [...headers.keys()] : []),
  get: (headers, key) => headers?.get(key),
};

/**
 * Traces GraphQL (an Apollo plugin rather than @opentelemetry/instrumentation-graphql, which
 * patches the graphql module and must be loaded before it: this works whatever the load order
 * and only while tracing is on). A span per operation, named as the semantic conventions ask
 * ("query clickSeries"), continuing the caller's trace when it sends a traceparent (callers
 * here hold an API key), and a child span per field that has a resolver of its own: root
 * fields and @ResolveField()s, not the plain property fields of every row.
 * With tracing off, requestDidStart returns nothing: Apollo then adds no per-field wrapper.
 */
export function graphqlTracing(): ApolloServerPlugin {
  return {
    requestDidStart: async ({ request }) => {
      if (!tracingEnabled()) return undefined;
      const parent = propagation.extract(ROOT_CONTEXT, request.http?.headers, HEADERS);
      const span = tracer.startSpan(
        'graphql',
        { kind: SpanKind.SERVER, attributes: { 'http.route': '/graphql' } },
        parent,
      );
      const operationContext = trace.setSpan(parent, span);
      return {
        didResolveOperation: async ({ operation, operationName }) => {
          if (!operation) return;
          span.updateName(`${operation.operation}${operationName ? ` ${operationName}` : ''}`);
          span.setAttribute('graphql.operation.type', operation.operation);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
        executionDidStart: async () => ({
          willResolveField: ({ info }) => {
            if (!hasOwnResolver(info)) return undefined;
            const field = tracer.startSpan(
              `${info.parentType.name}.${info.fieldName}`,
              {
                attributes: {
                  'graphql.field.name': info.fieldName,
                  'graphql.field.type': String(info.returnType),
                  'graphql.field.path': responsePathAsArray(info.path).join('.'),
                },
              },
              operationContext,
            );
            return (error) => {
              if (error) {
                field.recordException(error);
                field.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
              }
              field.end();
            };
          },
        }),
        didEncounterErrors: async ({ errors }) => {
          span.setStatus({ code: SpanStatusCode.ERROR, message: errors[0]?.message });
        },
        willSendResponse: async ({ response }) => {
          span.setAttribute('http.response.status_code', response.http.status ?? 200);
          span.end();
        },
      };
    },
  };
}

function hasOwnResolver(info: GraphQLResolveInfo): boolean {
  return info.parentType.getFields()[info.fieldName]?.resolve !== undefined;
}
