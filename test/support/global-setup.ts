/** Nothing to start globally: each suite starts the real services it needs (see test/support). */
export default function setup(): void {}
