/**
 * The layering, enforced: no import cycles (value imports; type-only imports are erased at run time), and no
 * edge that crosses a layer the wrong way. The rules are data: to allow a new edge, change a rule here and say
 * why in the commit.
 */
import { describe, expect, it } from 'vitest';
import { buildImportGraph, findCycles, type Edge } from './importGraph';

const { files, edges } = buildImportGraph();

interface Rule {
  name: string;
  /** Files the rule applies to. */
  from: RegExp;
  /** True when the edge is not allowed. */
  forbidden: (e: Edge) => boolean;
}

const NODE_BUILTIN = /^(node:|fs$|path$|os$|crypto$|child_process$|worker_threads$|zlib$|stream$|util$|events$|url$)/;

/**
 * The contract files: each feature's IPC contract (core/<feature>/contract.ts, and the outputs.ts a feature may
 * keep its output schemas in), the aggregators core/ipc/contract.ts and core/ipc/outputs.ts, and the shared zod
 * vocabulary core/ipc/primitives.ts they are written in.
 */
const CONTRACT_FILE = /^core\/([a-zA-Z]+\/(contract|outputs)|ipc\/primitives)\.ts$/;

/**
 * What the renderer may take from core: contracts (inputs, output schemas, labels, the bridge), domain rules and
 * the import field vocabulary. Nothing else, not even as a type: every result type comes from an output schema,
 * so the renderer's type check never reaches a service.
 */
const RENDERER_MAY_IMPORT = [
  /^core\/domain\//,
  CONTRACT_FILE,
  /^core\/ipc\/(bridge|labels)\.ts$/,
  /^core\/imports\/parse\/(fields|types)\.ts$/,
];

const RULES: Rule[] = [
  {
    name: 'core/domain imports nothing but itself (and dayjs)',
    from: /^core\/domain\//,
    forbidden: (e) => !(/^core\/domain\//.test(e.to) || /^dayjs(\/|$)/.test(e.to)),
  },
  {
    name: 'import parsing (core/imports/parse) uses only itself, domain rules, file helpers and platform plumbing',
    from: /^core\/imports\/parse\//,
    forbidden: (e) =>
      /^(core|db|electron|renderer)\//.test(e.to)
        ? !/^core\/(imports\/parse|domain|files)\//.test(e.to) &&
          !/^core\/platform\/(errors|crash|gc|jobs)\.ts$/.test(e.to)
        : /^(electron|better-sqlite3|drizzle-orm)(\/|$)/.test(e.to),
  },
  {
    name: 'feature code never reaches up into the IPC layer or the CLI (they call features, not the other way)',
    from: /^core\/(?!ipc\/|cli\/)/,
    // Two files of core/ipc sit below the features rather than above them: primitives.ts, the zod vocabulary
    // the feature contracts are written in (it imports only zod and core/domain), and handlerMap.ts, the type a
    // feature's handlers.ts is checked against (type-only). A feature's contract.ts and handlers.ts are its
    // part of the IPC layer; they live beside the service so that the feature is in one folder.
    forbidden: (e) =>
      /^core\/(ipc|cli)\//.test(e.to) &&
      !/^core\/ipc\/(contract|outputs|labels|fieldLabel|primitives)\.ts$/.test(e.to) &&
      !(e.typeOnly && e.to === 'core/ipc/handlerMap.ts' && /^core\/[a-zA-Z]+\/handlers\.ts$/.test(e.from)),
  },
  {
    name: 'a contract file imports only zod, core/domain, the shared primitives and other contract files (no service)',
    from: CONTRACT_FILE,
    // Type-only imports count too: the renderer type-checks the contract, and must not reach a service through it.
    forbidden: (e) => !(e.to === 'zod' || /^core\/domain\//.test(e.to) || CONTRACT_FILE.test(e.to)),
  },
  {
    name: 'platform plumbing (core/platform) depends on no feature',
    from: /^core\/platform\//,
    // Opening a data directory first applies a restore the clerk asked for and diagnoses a damaged database, so
    // context.ts alone may call into core/backup.
    forbidden: (e) =>
      !(e.from === 'core/platform/context.ts' && /^core\/backup\//.test(e.to)) &&
      /^core\//.test(e.to) &&
      !/^core\/(platform|domain|files|types)\//.test(e.to) &&
      e.to !== 'core/audit/service.ts',
  },
  {
    name: 'nothing in core/ or db/ imports Electron',
    from: /^(core|db)\//,
    forbidden: (e) => /^electron(\/|$)/.test(e.to) || /^electron\//.test(e.to),
  },
  {
    name: 'the database layer (db/) imports no feature code (domain vocabulary and the error type only)',
    from: /^db\//,
    forbidden: (e) => /^(core|electron|renderer)\//.test(e.to) && !/^core\/(domain\/|platform\/errors\.ts$)/.test(e.to),
  },
  {
    name: 'the renderer imports from core only contracts and domain types, and never Node or Electron',
    from: /^renderer\//,
    forbidden: (e) => {
      if (NODE_BUILTIN.test(e.to) || /^(electron|better-sqlite3|drizzle-orm|exceljs|pdfkit)(\/|$)/.test(e.to))
        return true;
      if (/^(db|electron)\//.test(e.to)) return true;
      if (!/^core\//.test(e.to)) return false;
      return !RENDERER_MAY_IMPORT.some((r) => r.test(e.to));
    },
  },
];

describe('architecture', () => {
  it('sees the whole project (a broken graph would pass every rule)', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files).toContain('core/ipc/contract.ts');
    expect(files).toContain('renderer/src/main.tsx');
    expect(edges.some((e) => e.from === 'core/ipc/dispatch.ts' && e.to === 'core/ipc/contract.ts')).toBe(true);
  });

  it('has no import cycle among value imports', () => {
    const valueEdges = edges.filter((e) => !e.typeOnly);
    const cycles = findCycles(files, valueEdges);
    expect(
      cycles.map((c) => c.join(' → ')),
      'import cycles (value imports)',
    ).toEqual([]);
  });

  for (const rule of RULES) {
    it(rule.name, () => {
      const bad = edges
        .filter((e) => rule.from.test(e.from) && rule.forbidden(e))
        .map((e) => `${e.from} → ${e.to}${e.typeOnly ? ' (type)' : ''}`);
      expect(bad).toEqual([]);
    });
  }

  it('the cycle finder finds a planted cycle and the rules catch a planted edge', () => {
    const planted: Edge[] = [
      { from: 'a.ts', to: 'b.ts', typeOnly: false },
      { from: 'b.ts', to: 'c.ts', typeOnly: false },
      { from: 'c.ts', to: 'a.ts', typeOnly: false },
    ];
    expect(findCycles(['a.ts', 'b.ts', 'c.ts'], planted)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    const domain = RULES[0]!;
    expect(domain.forbidden({ from: 'core/domain/x.ts', to: 'core/hazards/service.ts', typeOnly: false })).toBe(true);
    const renderer = RULES.find((r) => r.name.startsWith('the renderer'))!;
    expect(renderer.forbidden({ from: 'renderer/src/x.tsx', to: 'core/hazards/service.ts', typeOnly: true })).toBe(
      true,
    );
    expect(renderer.forbidden({ from: 'renderer/src/x.tsx', to: 'node:fs', typeOnly: false })).toBe(true);
    expect(renderer.forbidden({ from: 'renderer/src/x.tsx', to: 'core/ipc/contract.ts', typeOnly: true })).toBe(false);
    const contracts = RULES.find((r) => r.name.startsWith('a contract file'))!;
    expect(contracts.from.test('core/hazards/contract.ts')).toBe(true);
    expect(contracts.from.test('core/ipc/contract.ts')).toBe(true);
    expect(
      contracts.forbidden({ from: 'core/hazards/contract.ts', to: 'core/hazards/service.ts', typeOnly: true }),
    ).toBe(true);
    expect(
      contracts.forbidden({ from: 'core/stats/contract.ts', to: 'core/hazards/contract.ts', typeOnly: false }),
    ).toBe(false);
    expect(contracts.forbidden({ from: 'core/units/contract.ts', to: 'core/ipc/primitives.ts', typeOnly: false })).toBe(
      false,
    );
    expect(renderer.forbidden({ from: 'renderer/src/x.tsx', to: 'core/ipc/handlers.ts', typeOnly: true })).toBe(true);
    expect(renderer.forbidden({ from: 'renderer/src/x.tsx', to: 'core/volumes/outputs.ts', typeOnly: true })).toBe(
      false,
    );
  });
});
