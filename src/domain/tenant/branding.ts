import { z } from 'zod';

/** The house style of a tenant's PDF invoices: accent colour, logo and a footer line. */
export const DEFAULT_ACCENT_COLOR = '#1F4E79';

/** Decoded size limit: the logo is embedded in every PDF, and mail size and render time grow with it. */
export const MAX_LOGO_BYTES = 256 * 1024;

const SIGNATURES = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
} as const;

const startsWith = (base64: string, signature: readonly number[]): boolean => {
  const head = Buffer.from(base64.slice(0, 16), 'base64');
  return signature.every((byte, index) => head[index] === byte);
};

export const logoSchema = z
  .object({
    mediaType: z.enum(['image/png', 'image/jpeg']),
    dataBase64: z
      .string()
      .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'must be base64')
      .min(4)
      // Four base64 characters per three bytes: a length limit the OpenAPI document can state too.
      .max(Math.ceil(MAX_LOGO_BYTES / 3) * 4, `must be at most ${MAX_LOGO_BYTES / 1024} KB`),
  })
  // Catches the usual wrong uploads (GIF, WebP, SVG, a renamed file) before they reach a PDF.
  .refine((logo) => startsWith(logo.dataBase64, SIGNATURES[logo.mediaType]), {
    message: 'is not a PNG or JPEG file of the given media type',
    path: ['dataBase64'],
  });

export const brandingSchema = z.object({
  accentColor: z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/, 'must be a colour such as #1F4E79')
    .default(DEFAULT_ACCENT_COLOR),
  logo: logoSchema.optional(),
  /** A line of the tenant's own above the KvK, VAT ID and IBAN in the footer (e.g. terms, web address). */
  footerText: z.string().min(1).max(200).optional(),
});
export type Branding = z.infer<typeof brandingSchema>;

export const DEFAULT_BRANDING: Branding = { accentColor: DEFAULT_ACCENT_COLOR };
