/**
 * The periodic inbox sweep of a running server: every period it processes the messages still `received`
 * that arrived more than one period ago. A message is normally processed by the request or background
 * queue that received it; when that worker loses its database connection after another worker skipped the
 * row it held, nothing else would pick the message up until the next start. The sweep does, within about
 * two periods, without ever setting a message aside (only start-up does: it alone knows a crash happened).
 */
import type { IngestPipeline } from './ingest-pipeline.js';

export interface InboxSweeper {
  stop(): Promise<void>;
}

export function startInboxSweeper(
  pipeline: Pick<IngestPipeline, 'processReceived'>,
  periodMs: number,
  onError: (error: unknown) => void,
): InboxSweeper {
  let running: Promise<void> | null = null;
  let stopped = false;
  const sweep = () => {
    if (running || stopped) return;
    running = pipeline
      .processReceived(new Date(Date.now() - periodMs))
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(sweep, periodMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
