import { parseArgs } from 'node:util';
import { SECTION_NAMES, type SectionName } from '@muster/protocol';
import { collect } from './collectors/index.js';
import { AGENT_VERSION } from './version.js';

const USAGE = `muster-agent ${AGENT_VERSION}

Usage:
  muster-agent collect [--section NAME]... [--pretty]   print this machine's inventory as JSON
  muster-agent version

Sections: ${SECTION_NAMES.join(', ')}
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'collect': {
      const { values } = parseArgs({ args: rest, options: { section: { type: 'string', multiple: true }, pretty: { type: 'boolean' } }, strict: true });
      const sections = values.section ?? [...SECTION_NAMES];
      const unknown = sections.filter((s) => !(SECTION_NAMES as readonly string[]).includes(s));
      if (unknown.length) {
        process.stderr.write(`muster-agent: unknown section ${unknown.join(', ')} (expected ${SECTION_NAMES.join(', ')})\n`);
        return 2;
      }
      const result = await collect({ sections: sections as SectionName[] });
      process.stdout.write(`${JSON.stringify({ agentVersion: AGENT_VERSION, collectedAt: new Date().toISOString(), sections: result }, null, values.pretty ? 2 : undefined)}\n`);
      return 0;
    }
    case 'version':
    case '--version':
      process.stdout.write(`${AGENT_VERSION}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`muster-agent: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`muster-agent: ${(error as Error).message ?? error}\n`);
    process.exitCode = 1;
  },
);
