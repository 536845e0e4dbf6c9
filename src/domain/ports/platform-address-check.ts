/**
 * Whether a URL a merchant gave us (a shop's API root, a token endpoint) may be called from our
 * network. Without this check a tenant could make our workers call the cloud metadata service or an
 * internal admin port and read the answer back through the sync log (server-side request forgery).
 */
export interface PlatformAddressCheck {
  /** Why the URL may not be called, or undefined when it may. */
  refusal(url: string): Promise<string | undefined>;
}
