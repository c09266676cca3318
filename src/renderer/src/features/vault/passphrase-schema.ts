import { z } from 'zod'

const mustMatch = (values: { passphrase: string; confirm: string }, ctx: z.RefinementCtx) => {
  if (values.confirm.length > 0 && values.passphrase !== values.confirm) {
    ctx.addIssue({
      code: 'custom',
      path: ['confirm'],
      message: 'The two passphrases are not the same.',
    })
  }
}

const confirmField = z.string().min(1, 'Type the passphrase a second time.')

/** First run: a new passphrase typed twice, and whether to make a recovery key. */
export const setupSchema = z
  .object({ passphrase: z.string(), confirm: confirmField, withRecoveryKey: z.boolean() })
  .superRefine(mustMatch)
export type SetupValues = z.infer<typeof setupSchema>

/** Settings: the current passphrase, then the new one twice. */
export const changeSchema = z
  .object({
    current: z.string().min(1, 'Enter your current passphrase.'),
    passphrase: z.string(),
    confirm: confirmField,
  })
  .superRefine(mustMatch)
export type ChangeValues = z.infer<typeof changeSchema>

/** Forgotten passphrase, first step: the recovery key alone. */
export const recoveryKeySchema = z.object({
  recoveryKey: z.string().trim().min(1, 'Enter your recovery key.'),
})
export type RecoveryKeyValues = z.infer<typeof recoveryKeySchema>

/** Forgotten passphrase, second step: a new passphrase twice. */
export const newPassphraseSchema = z
  .object({ passphrase: z.string(), confirm: confirmField })
  .superRefine(mustMatch)

export const unlockSchema = z.object({ passphrase: z.string().min(1, 'Enter your passphrase.') })
export type UnlockValues = z.infer<typeof unlockSchema>
