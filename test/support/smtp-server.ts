import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMessage = { to: string; mail: ParsedMail };

export type TestSmtpServer = {
  url: string;
  received: ReceivedMessage[];
  /** Resolves once `count` messages have been accepted (answered 250). */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  close(): Promise<void>;
};

/**
 * A real SMTP server on a free local port, which parses and keeps every message it accepts.
 * `beforeAccept` runs once a message's data has arrived and before the server answers: a test
 * can refuse it, or kill the sender there.
 */
export async function startTestSmtpServer(
  options: { beforeAccept?: (message: ReceivedMessage, index: number) => 'accept' | 'hold' } = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMessage[] = [];
  let arrived = 0;
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const message = { to: session.envelope.rcptTo.map((r) => r.address).join(','), mail };
          arrived += 1;
          // 'hold' never answers: the sender is left waiting for its 250, as if cut off.
          if (options.beforeAccept?.(message, arrived) === 'hold') return;
          received.push(message);
          callback();
          for (const wake of waiters) wake();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitForMessages(count, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(received.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`only ${received.length} of ${count} messages arrived`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
