/** Letters that do not decompose into a base letter and a mark, searched as their plain form. */
const PLAIN: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/

/** Text as searches compare it: lower case, accents and marks removed ("Łucja Ñúñez" -> "lucja nunez"). */
export function fold(text: string): string {
  // Plain ASCII (nearly all text) has no marks to remove and lower-cases the same in every locale.
  if (ASCII.test(text)) return text.toLowerCase()
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase()
    .replace(/[øłđħıæœßþ]/g, (char) => PLAIN[char] ?? char)
}
