import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';

export interface LiveEvent {
  type: 'message' | 'message_deleted' | 'alert' | 'person' | 'analysis';
  seq: number;
  data: Record<string, unknown>;
}

type Listener = (e: LiveEvent) => void;

interface Live {
  connected: boolean;
  subscribe(fn: Listener): () => void;
}

const Ctx = createContext<Live | null>(null);

/**
 * One EventSource for the whole dashboard. The browser resends Last-Event-ID (the ledger seq) when
 * it reconnects, and the server replays what was missed from the ledger.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const es = new EventSource('/api/stream');
    es.onopen = () => setConnected(true);
    es.onerror = () => setConnected(false);
    for (const type of ['message', 'message_deleted', 'alert', 'person', 'analysis'] as const) {
      es.addEventListener(type, (ev) => {
        const m = ev as MessageEvent<string>;
        const e: LiveEvent = { type, seq: Number(m.lastEventId), data: JSON.parse(m.data) };
        for (const fn of listeners.current) fn(e);
      });
    }
    return () => es.close();
  }, []);
  const subscribe = useCallback((fn: Listener) => {
    listeners.current.add(fn);
    return () => {
      listeners.current.delete(fn);
    };
  }, []);
  const value = useMemo<Live>(() => ({ connected, subscribe }), [connected, subscribe]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useLive(): Live {
  const v = useContext(Ctx);
  if (!v) throw new Error('useLive outside LiveProvider');
  return v;
}

export function useLiveEvents(fn: Listener, deps: unknown[] = []) {
  const live = useLive();
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => live.subscribe((e) => ref.current(e)), [live.subscribe, ...deps]);
}
