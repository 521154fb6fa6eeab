// What every tab of a person record receives.
import type { Establishment, Reference } from '../../api/establishments';
import type { PersonRecord } from '../../api/persons';

export interface TabProps {
  person: PersonRecord;
  reference: Reference;
  /** The establishments the account can see (names, choices of the forms). */
  establishments: Establishment[];
  /** The account may change this record, and it has not been merged into another. */
  canWrite: boolean;
  /** Something was saved: the record is read again, then the message is announced (then it resolves). */
  onChanged: (message: string) => Promise<void>;
}
