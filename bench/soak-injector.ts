/**
 * Puts the fault plan into effect. The emulator's fault queue has no notion of a rate (a fault hits the next
 * matching request), so the decision is taken here, per request, right before it leaves: a faulted request is
 * preceded by a `POST /_emulator/faults` for its operation, and the emulator then answers it with that fault
 * over real HTTP. The soak drives one provider call at a time, so the queued fault meets exactly this request.
 */
import axios, { type AxiosAdapter, type InternalAxiosRequestConfig } from "axios";
import type { EmulatorControl } from "../emulator";
import { OAUTH_OPERATION_ID } from "../cliq-api/operations";
import { operationIdOf, toFaultRequest, type PlannedFault, type SoakFaultKind } from "./soak-faults";

export interface InjectionCounts {
  /** Requests that went through the transport (API and OAuth). */
  requests: number;
  /** Of those, faulted, by kind. */
  faults: Partial<Record<SoakFaultKind, number>>;
}

export interface FaultInjector {
  /** The axios transport to give the client (`CliqClientOptions.transport`). */
  transport: AxiosAdapter;
  /** Off during the soak's own clean-up, which must not be disturbed (nor consume plan decisions). */
  enabled: boolean;
  counts: InjectionCounts;
}

function fullUrl(config: InternalAxiosRequestConfig): string {
  const url = config.url ?? "";
  return /^https?:\/\//.test(url) ? url : `${(config.baseURL ?? "").replace(/\/$/, "")}${url}`;
}

/** One planner per stream (see `streamSeed`): API requests, and OAuth token requests. */
export interface Planners {
  api: () => PlannedFault | undefined;
  oauth: () => PlannedFault | undefined;
}

export function createFaultInjector(control: EmulatorControl, planners: Planners): FaultInjector {
  const http = axios.getAdapter("http");
  const injector: FaultInjector = {
    enabled: true,
    counts: { requests: 0, faults: {} },
    transport: async (config) => {
      if (injector.enabled) {
        injector.counts.requests += 1;
        const operationId = operationIdOf((config.method ?? "get").toUpperCase(), fullUrl(config));
        const planned = operationId === OAUTH_OPERATION_ID ? planners.oauth() : planners.api();
        if (planned) {
          await control.fault(toFaultRequest(planned, operationId));
          injector.counts.faults[planned.kind] = (injector.counts.faults[planned.kind] ?? 0) + 1;
        }
      }
      return http(config);
    },
  };
  return injector;
}
