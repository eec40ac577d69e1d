type Message = { type: string; id?: string; payload?: unknown };

/**
 * A WebSocket stand-in for graphql-ws: `server` answers each client message (it is
 * called with the socket and the parsed message). Opening and closing happen on a
 * later task, as in a browser.
 */
export function fakeWebSocket(server: (socket: FakeSocket, message: Message) => void) {
  const sockets: FakeSocket[] = [];

  class Impl implements FakeSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;

    readyState = 0;
    readonly sent: Message[] = [];
    onopen: ((event: unknown) => void) | null = null;
    onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    onmessage: ((event: { data: string }) => void) | null = null;

    constructor(
      readonly url: string,
      readonly protocol: string,
    ) {
      sockets.push(this);
      setTimeout(() => {
        if (this.readyState !== 0) return;
        this.readyState = 1;
        this.onopen?.({});
      });
    }

    send(data: string): void {
      const message = JSON.parse(data) as Message;
      this.sent.push(message);
      server(this, message);
    }

    /** From the server's side: a message to the client. */
    receive(message: Message): void {
      this.onmessage?.({ data: JSON.stringify(message) });
    }

    close(code = 1000, reason = ''): void {
      if (this.readyState >= 2) return;
      this.readyState = 2;
      setTimeout(() => {
        this.readyState = 3;
        this.onclose?.({ code, reason, wasClean: true });
      });
    }
  }

  return { WebSocket: Impl, sockets };
}

export interface FakeSocket {
  readonly url: string;
  readonly sent: Message[];
  readyState: number;
  receive(message: Message): void;
  close(code?: number, reason?: string): void;
}
