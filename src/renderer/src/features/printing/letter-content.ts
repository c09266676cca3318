import type { FilledPart } from '../../domain/letters'

/** Letters fill their placeholders like outreach templates do (one definition, in the domain). */
export { letterDate, placeholderValues as letterValues } from '../../domain/placeholder-values'

/** Splits filled parts into paragraphs at blank lines (each keeps its single line breaks). */
export function paragraphsOf(parts: readonly FilledPart[]): FilledPart[][] {
  const paragraphs: FilledPart[][] = [[]]
  for (const part of parts) {
    if (part.kind !== 'text') {
      paragraphs.at(-1)!.push(part)
      continue
    }
    const pieces = part.text.split(/\n[ \t]*\n+/)
    pieces.forEach((piece, index) => {
      if (index > 0) paragraphs.push([])
      if (piece) paragraphs.at(-1)!.push({ kind: 'text', text: piece })
    })
  }
  return paragraphs
    .map((paragraph) => trimParagraph(paragraph))
    .filter((paragraph) => paragraph.length > 0)
}

function trimParagraph(paragraph: FilledPart[]): FilledPart[] {
  return paragraph
    .map((part, index) => {
      if (part.kind !== 'text') return part
      let text = part.text
      if (index === 0) text = text.replace(/^\s+/, '')
      if (index === paragraph.length - 1) text = text.replace(/\s+$/, '')
      return { ...part, text }
    })
    .filter((part) => part.kind !== 'text' || part.text !== '')
}
