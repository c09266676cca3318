/** Passphrase strength with zxcvbn-ts, loaded on first use (its dictionaries are large). */
export interface Strength {
  /** 0 (guessable in seconds) to 4 (very unguessable). */
  score: 0 | 1 | 2 | 3 | 4
  /** Why it is weak, in words; empty when strong. */
  warning: string
  suggestions: string[]
}

export const MIN_LENGTH = 12
export const MIN_SCORE = 3

type Checker = (passphrase: string, userInputs: string[]) => Strength

let loading: Promise<Checker> | null = null

function loadChecker(): Promise<Checker> {
  loading ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(([core, common, en]) => {
    const factory = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    })
    return (passphrase: string, userInputs: string[]) => {
      const result = factory.check(passphrase, userInputs)
      return {
        score: result.score,
        warning: result.feedback.warning ?? '',
        suggestions: result.feedback.suggestions ?? [],
      }
    }
  })
  return loading
}

/** Words that make a passphrase easy to guess for this app. */
const APP_WORDS = [
  'mend',
  'therapy',
  'therapist',
  'client',
  'session',
  'walkout',
  'counselling',
  'counseling',
  'practice',
]

export async function checkStrength(passphrase: string): Promise<Strength> {
  const check = await loadChecker()
  return check(passphrase, APP_WORDS)
}

export const STRENGTH_WORDS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const

/**
 * Whether a passphrase may be used, with the reason in words when it may not. Screens rate in a
 * worker (`StrengthChecker`); this runs in the current thread (the worker itself, and tests).
 */
export async function passphraseProblem(passphrase: string): Promise<string | null> {
  if (passphrase.length < MIN_LENGTH)
    return `Use at least ${MIN_LENGTH} characters. A few unrelated words work well.`
  const strength = await checkStrength(passphrase)
  if (strength.score < MIN_SCORE) {
    return `This passphrase is too easy to guess${strength.warning ? `: ${strength.warning.replace(/\.$/, '')}` : ''}. Add another unrelated word or two.`
  }
  return null
}
