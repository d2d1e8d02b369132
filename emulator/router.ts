import { OPERATION_IDS, OPERATIONS, type OperationId } from "../cliq-api/operations";

export type RouteMatch =
  | { kind: "operation"; operationId: OperationId; params: Record<string, string> }
  | { kind: "method_not_allowed" }
  | { kind: "not_found" };

interface CompiledRoute {
  operationId: OperationId;
  method: string;
  pattern: RegExp;
  names: string[];
}

const ROUTES: CompiledRoute[] = OPERATION_IDS.map((operationId) => {
  const { method, path } = OPERATIONS[operationId];
  const names: string[] = [];
  const source = path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { operationId, method, pattern: new RegExp(`^${source}/?$`), names };
});

/** Matches a path under `/api/v3` against the operation table. */
export function matchRoute(method: string, apiPath: string): RouteMatch {
  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(apiPath);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1]);
    });
    return { kind: "operation", operationId: route.operationId, params };
  }
  return pathMatched ? { kind: "method_not_allowed" } : { kind: "not_found" };
}
