import type { AllocatorTotals, Report } from './model.js'

/**
 * The summary's part for the variant checks (pure): the GIL's state first (it decides what the
 * whole cell tested), then the census's leaked types, the size classes that grew, and COUNT_ALLOCS's
 * top types. `escapeText` and `code` are summary-md's escapers.
 */
export function variantChecksMarkdown(report: Report, escapeText: (text: string) => string, code: (text: string) => string): string[] {
  const lines: string[] = []
  const { gil, census, allocations, countAllocs, checksNotRun } = report
  for (const { check, reason } of checksNotRun ?? []) lines.push(`**⚠️ Not run: \`${code(check)}\`**, a check of this variant: ${escapeText(reason)}.`, '')
  if (gil) {
    lines.push('### Free-threading', '')
    if (gil.mode === 'force-off') lines.push('`gil: force-off`: the tests ran with `PYTHON_GIL=0`, the GIL kept disabled whatever the extension declares.', '')
    else if (gil.reenabledBy.length) {
      for (const entry of gil.reenabledBy)
        lines.push(
          `**⚠️ The GIL was re-enabled to import module \`${code(entry.module)}\`** (first imported by \`${code(entry.test)}\`): this cell tested the GIL build, not free-threading. Declare \`Py_MOD_GIL_NOT_USED\` (\`Py_mod_gil\` slot) once the module is thread-safe, or set \`gil: force-off\`.`,
          '',
        )
      lines.push('```text', ...gil.reenabledBy.map((entry) => entry.warning.replaceAll('```', "'''")), '```', '')
    } else if (gil.files.some((file) => file.gilEnabled))
      lines.push('**⚠️ The GIL was enabled after importing the tests**, with no warning naming a module.', '')
    else lines.push(`The GIL stayed disabled after importing each of the ${gil.files.length} test files.`, '')
  }
  if (census) {
    lines.push(
      `### Live objects by type (trace-refs census, ${census.warmups} warm-ups, ${census.runs} counted runs)`,
      '',
      '| Test file | Types that grew in every counted run | Live objects after each counted run |',
      '|---|---|---|',
    )
    for (const file of census.files) {
      const leaked = file.leakedTypes.map(
        ({ name, deltas }) => `\`${code(name)}\` ${deltas.every((delta) => delta === deltas[0]) ? `+${deltas[0]} per run` : `[${deltas.join(', ')}]`}`,
      )
      const objects = file.runs.filter((run) => !run.warmup).map((run) => run.objects)
      lines.push(
        `| \`${code(file.name)}\` | ${leaked.length ? leaked.join('<br>') : file.outcome === 'ok' ? 'none' : escapeText(file.outcome)} | ${objects.length ? objects.join(', ') : '—'} |`,
      )
    }
    lines.push('')
  }
  if (countAllocs) {
    lines.push('### Allocations per type (COUNT_ALLOCS, before and after each test file)', '', '| Test file | Types whose live count grew most |', '|---|---|')
    for (const file of countAllocs.files) {
      const top = file.topGrowth
        .slice(0, 5)
        .map(
          (type) => `\`${code(type.name)}\` +${type.growth} (alloc'd ${type.after.allocs - type.before.allocs}, freed ${type.after.frees - type.before.frees})`,
        )
      lines.push(`| \`${code(file.name)}\` | ${top.length ? top.join('<br>') : file.outcome === 'ok' ? 'none grew' : escapeText(file.outcome)} |`)
    }
    lines.push('')
  }
  if (allocations) {
    const mimalloc = allocations.files.some((file) => file.allocator === 'mimalloc')
    lines.push(
      '### Allocator statistics before and after each test file (`sys._debugmallocstats()`)',
      '',
      mimalloc
        ? '| Test file | Allocated blocks (mimalloc) | Allocated bytes |'
        : '| Test file | Arenas | Bytes in allocated blocks | Size classes that grew (blocks in use) |',
      mimalloc ? '|---|---|---|' : '|---|---|---|---|',
    )
    for (const file of allocations.files) {
      if (!file.before || !file.after) {
        // A crash has no exit code (the signal ended it): its finding says what happened.
        lines.push(
          `| \`${code(file.name)}\` | ${escapeText(file.outcome)}${file.exitCode !== null ? ` (exit ${file.exitCode})` : ''} |${mimalloc ? ' |' : ' | |'}`,
        )
        continue
      }
      const change = (key: keyof AllocatorTotals) => {
        const before = file.before?.[key]
        const after = file.after?.[key]
        if (before === undefined || after === undefined) return '—'
        const growth = after - before
        return `${groupDigits(before)} → ${groupDigits(after)} (${growth >= 0 ? '+' : '−'}${groupDigits(Math.abs(growth))})`
      }
      if (mimalloc) lines.push(`| \`${code(file.name)}\` | ${change('allocatedBlocks')} | ${change('allocatedBytes')} |`)
      else {
        const grew = file.sizeClasses.filter((row) => row.growth > 0).map((row) => `${row.size} B: ${row.before} → ${row.after} (+${row.growth})`)
        lines.push(`| \`${code(file.name)}\` | ${change('arenas')} | ${change('bytesInAllocatedBlocks')} | ${grew.length ? grew.join('<br>') : 'none'} |`)
      }
    }
    lines.push('')
  }
  return lines
}

/** 1,048,576: thousands grouped, as every count in the reports is written. */
export function groupDigits(value: number): string {
  return value.toLocaleString('en-US')
}
