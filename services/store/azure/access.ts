/**
 * How the Azure Storage clients reach the account: a connection string (Azurite, local
 * runs), or a service URL with an Entra token credential (production: shared keys are
 * disabled on the account and the bot's managed identity holds data roles).
 */
import type { TokenCredential } from '@azure/identity';

export type AzureServiceAccess =
  { readonly connectionString: string } | { readonly url: string; readonly credential: TokenCredential };

export const isLoopbackStorage = (value: string): boolean =>
  /UseDevelopmentStorage=true|https?:\/\/(127\.0\.0\.1|localhost)[:/]/i.test(value);
