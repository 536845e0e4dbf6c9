import { z } from 'zod';

/**
 * The parts of bol.com Retailer API v10 responses this adapter reads (field names from bol's OpenAPI
 * document "v10 - Retailer API" 10.x: `ReducedOrders`, `Order`, `OrderOrderItem`, `BillingDetails`,
 * `ShipmentDetails`, `Problem`). Structure is checked strictly (ids, item arrays, numbers), content
 * leniently: a missing street must refuse that one order with a field error downstream, not stop
 * the whole poll. Objects are loose: bol adds fields within a major version, and those we do not
 * read (salutation, fulfilment, commission, …) pass through untouched.
 */

const dateTime = z.iso.datetime({ offset: true });

/** OAuth2 token response of https://login.bol.com/token (client credentials). */
export const bolTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
});

/** `GET /retailer/orders`: bol answers `{}` rather than `{ "orders": [] }` when nothing matches. */
export const bolReducedOrdersSchema = z.object({
  orders: z
    .array(
      z.object({
        orderId: z.string().min(1),
        orderPlacedDateTime: dateTime,
        orderItems: z.array(z.object({ orderItemId: z.string(), latestChangedDateTime: dateTime })),
      }),
    )
    .default([]),
});
export type BolReducedOrders = z.infer<typeof bolReducedOrdersSchema>;
export type BolReducedOrder = BolReducedOrders['orders'][number];

const bolParty = z.looseObject({
  firstName: z.string().optional(),
  surname: z.string().optional(),
  streetName: z.string().optional(),
  houseNumber: z.string().optional(),
  houseNumberExtension: z.string().optional(),
  zipCode: z.string().optional(),
  city: z.string().optional(),
  countryCode: z.string().optional(),
  /** Scrambled by bol (…@verkopen.bol.com); mail sent there reaches the customer. */
  email: z.string().optional(),
  company: z.string().optional(),
});

export const bolShipmentDetailsSchema = bolParty.extend({
  /** bol's enum: nl, nl-BE, fr, fr-BE. */
  language: z.string().optional(),
});

export const bolBillingDetailsSchema = bolParty.extend({
  vatNumber: z.string().optional(),
  /** KvK number (NL) or ondernemingsnummer (BE), per bol's field description. */
  kvkNumber: z.string().optional(),
  orderReference: z.string().optional(),
});

const quantity = z.number().int().nonnegative();

export const bolOrderItemSchema = z.looseObject({
  orderItemId: z.string(),
  cancellationRequest: z.boolean().optional(),
  offer: z.looseObject({ offerId: z.string().optional(), reference: z.string().optional() }).optional(),
  product: z.looseObject({ ean: z.string(), title: z.string().optional() }),
  quantity,
  quantityShipped: quantity.default(0),
  quantityCancelled: quantity.default(0),
  /** Price of one unit to the customer, VAT included (bol names no rate). */
  unitPrice: z.number().nonnegative(),
  totalPrice: z.number().nonnegative().optional(),
  /** Promotions on this item (all its units), VAT included. */
  discounts: z
    .array(z.object({ title: z.string().optional(), amount: z.number().nonnegative() }))
    .default([]),
  latestChangedDateTime: dateTime,
});
export type BolOrderItem = z.infer<typeof bolOrderItemSchema>;

/** `GET /retailer/orders/{order-id}`. */
export const bolOrderSchema = z.looseObject({
  orderId: z.string().min(1),
  pickupPoint: z.boolean().optional(),
  /** Optional in the spec for the detail (required in the list): the list's value fills the gap. */
  orderPlacedDateTime: dateTime.optional(),
  shipmentDetails: bolShipmentDetailsSchema,
  billingDetails: bolBillingDetailsSchema.optional(),
  orderItems: z.array(bolOrderItemSchema),
});
export type BolOrder = z.infer<typeof bolOrderSchema>;
/** What bol sends before defaults are applied (test fixtures, the fake server). */
export type BolOrderJson = z.input<typeof bolOrderSchema>;

/** bol's error body (`Problem`), also used for 4xx on the API. */
export const bolProblemSchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  violations: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
});
export type BolProblem = z.infer<typeof bolProblemSchema>;
