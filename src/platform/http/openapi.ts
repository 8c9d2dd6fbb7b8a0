import { z, type ZodType } from 'zod';
import type { AnyRoute } from './route';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

const ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

function parameters(schema: ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const js = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

/** The OpenAPI document, built from the same zod schemas that validate requests and shape responses. */
export function buildOpenApi(routes: AnyRoute[], version: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      'x-policy':
        r.policy.kind === 'public'
          ? `public: ${r.policy.reason}`
          : `${r.policy.name} (${r.policy.roles.join(', ')})`,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      responses: {
        [String(r.successStatus ?? 200)]:
          r.response === 'raw'
            ? { description: 'See summary' }
            : {
                description: 'Success',
                content: { 'application/json': { schema: toSchema(r.response, 'output') } },
              },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: toSchema(ErrorSchema, 'output') } },
        },
      },
    };
    if (r.body) {
      const content: Record<string, unknown> = { 'application/json': { schema: toSchema(r.body, 'input') } };
      if (r.accepts?.includes('form'))
        content['application/x-www-form-urlencoded'] = content['application/json'];
      op.requestBody = { required: true, content };
    }
    (paths[p] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Waymark API',
      version,
      description: 'Intake, case management and statistics for anti-trafficking hotlines.',
    },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'wm_session' } } },
    security: [{ session: [] }],
    paths,
  };
}
