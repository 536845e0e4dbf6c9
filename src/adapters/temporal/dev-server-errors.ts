/** The Temporal dev server cannot start for a reason the user has to fix; the message is one line for them. */
export class DevServerStartError extends Error {}

/** A port the dev server needs is held by a process that is not a server we left behind. */
export class PortInUseError extends DevServerStartError {
  constructor(
    readonly port: number,
    /** Which of the server's ports: the frontend (gRPC) one or the Web UI's. */
    readonly role: 'frontend' | 'ui',
  ) {
    super(
      `Port ${port} (Temporal ${role === 'ui' ? 'Web UI' : 'frontend'}) is already in use by another process.`,
    );
  }
}
