// What every tab of an establishment's page receives.
import type { EstablishmentDetail, Reference } from '../../api/establishments';

export interface TabProps {
  establishment: EstablishmentDetail;
  reference: Reference;
  /** The account may change this establishment, and it is not archived. */
  canWrite: boolean;
  /** Something was saved: the establishment is read again, then the message is announced (then it resolves). */
  onChanged: (message: string) => Promise<void>;
}
