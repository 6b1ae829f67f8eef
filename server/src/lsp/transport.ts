import {
  Emitter,
  ErrorCodes,
  LSPErrorCodes,
  StreamMessageReader,
  StreamMessageWriter,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type PartialMessageInfo,
  type RequestMessage,
  type ResponseMessage,
} from 'vscode-languageserver/node';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON-RPC message the connection can dispatch: a request, a notification or a response. */
export function isWellFormedMessage(msg: unknown): msg is Message {
  if (!isObject(msg)) return false;
  if ('method' in msg) {
    if (typeof msg.method !== 'string') return false;
    const id = msg.id;
    return id === undefined || typeof id === 'string' || typeof id === 'number';
  }
  return ('result' in msg || 'error' in msg) && (msg.id === null || typeof msg.id === 'string' || typeof msg.id === 'number');
}

function errorResponse(id: string | number | null, code: number, message: string): ResponseMessage {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

/**
 * Reads framed JSON-RPC from a stream like the library's reader, and answers what the library
 * would silently drop: a body that is not JSON gets a Parse error, a JSON value that is not a
 * message gets an Invalid request (JSON-RPC 2.0 §5.1). The replies never quote the input.
 */
export class GuardedStreamReader implements MessageReader {
  private readonly inner: StreamMessageReader;
  private readonly errorEmitter = new Emitter<Error>();

  constructor(
    input: NodeJS.ReadableStream,
    private readonly writer: StreamMessageWriter,
  ) {
    this.inner = new StreamMessageReader(input);
    this.inner.onError((error) => {
      void this.writer.write(errorResponse(null, ErrorCodes.ParseError, 'Parse error: the message is not a valid JSON-RPC frame or its body is not JSON.')).catch(() => undefined);
      this.errorEmitter.fire(error);
    });
  }

  get onError() {
    return this.errorEmitter.event;
  }

  get onClose() {
    return this.inner.onClose;
  }

  get onPartialMessage(): (listener: (e: PartialMessageInfo) => unknown) => Disposable {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((msg) => {
      if (isWellFormedMessage(msg)) {
        callback(msg);
        return;
      }
      const raw = msg as unknown;
      const id = isObject(raw) && (typeof raw.id === 'string' || typeof raw.id === 'number') ? raw.id : null;
      void this.writer.write(errorResponse(id, ErrorCodes.InvalidRequest, 'Invalid request: not a JSON-RPC request, notification or response.')).catch(() => undefined);
    });
  }

  dispose(): void {
    this.inner.dispose();
    this.errorEmitter.dispose();
  }
}

/** Answers a request cancelled before the server started on it, as LSP asks (RequestCancelled). */
export const cancelUndispatched = (message: Message): ResponseMessage | undefined => {
  const req = message as RequestMessage;
  if (req.id === undefined || req.id === null) return undefined;
  return errorResponse(req.id, LSPErrorCodes.RequestCancelled, 'Request cancelled');
};
