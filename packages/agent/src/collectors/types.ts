import type { SectionData, SectionName } from '@muster/protocol';
import type { CollectContext } from './context.js';

/** One section's collector for one OS: reads the machine through the context, returns the section's data. */
export type Collector<S extends SectionName> = (ctx: CollectContext) => Promise<SectionData[S]>;

/** A platform's collectors; a section a platform lacks is reported as unsupported, not as a crash. */
export type CollectorSet = { [S in SectionName]?: Collector<S> };
