import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useState } from 'react'
import { useForm } from 'react-hook-form'
import { z } from 'zod'
import {
  DEFAULT_LETTER_TEMPLATES,
  LETTER_KINDS,
  LETTER_PURPOSES,
  LETTER_WORDS,
  templateFor,
  unknownPlaceholders,
  type LetterKind,
} from '../../domain/letters'
import {
  PAPER_SIZE_WORDS,
  PAPER_SIZES,
  type LetterTemplates,
  type PaperSize,
} from '../../domain/practice'
import { optionsOf } from '../../domain/words'
import { isRuleError } from '../../store/operations'
import { usePracticeSettings } from '../../store/queries'
import { useSession } from '../../store/session-context'
import { updatePracticeSettings } from '../../store/settings'
import { ChoiceField, TextField } from '../../ui/form-fields'
import { Notice } from '../../ui/Notice'
import { PlaceholderHelp } from './PlaceholderHelp'

const templateText = z
  .string()
  .max(10_000, 'A letter template is limited to 10,000 characters.')
  .superRefine((text, context) => {
    const unknown = unknownPlaceholders(text)
    if (unknown.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `${unknown.map((name) => `{{${name}}}`).join(', ')}: not a placeholder Mend knows. Use one of the placeholders listed above.`,
      })
    }
  })

const printingSchema = z.object({
  paperSize: z.enum(PAPER_SIZES, { error: 'Choose a paper size.' }),
  letterTemplates: z.object({
    outreach: templateText,
    closing: templateText,
    referral: templateText,
  }),
})
type PrintingValues = z.infer<typeof printingSchema>

/** The templates as the form edits them: the text in use (the default when none was saved). */
function formTemplates(stored: LetterTemplates): Record<LetterKind, string> {
  return Object.fromEntries(
    LETTER_KINDS.map((kind) => [kind, templateFor(kind, stored[kind])]),
  ) as Record<LetterKind, string>
}

/** Back to storage: a template equal to the default is kept as "the default" (null). */
function storedTemplates(values: Record<LetterKind, string>): LetterTemplates {
  return Object.fromEntries(
    LETTER_KINDS.map((kind) => [
      kind,
      values[kind] === DEFAULT_LETTER_TEMPLATES[kind] ? null : values[kind],
    ]),
  ) as LetterTemplates
}

/** Paper size, and the letter templates with their placeholders. */
export function PrintingSettingsForm() {
  const session = useSession()
  const stored = usePracticeSettings()
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const form = useForm<PrintingValues>({
    resolver: zodResolver(printingSchema),
    defaultValues: { paperSize: 'A4', letterTemplates: { ...DEFAULT_LETTER_TEMPLATES } },
  })
  const { reset } = form
  const loaded = stored?.value
  useEffect(() => {
    if (loaded)
      reset({ paperSize: loaded.paperSize, letterTemplates: formTemplates(loaded.letterTemplates) })
  }, [loaded, reset])
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await updatePracticeSettings(
        session,
        (current) => ({
          ...current,
          paperSize: values.paperSize as PaperSize,
          letterTemplates: storedTemplates(values.letterTemplates),
        }),
        'Printing',
      )
      setMessage({ tone: 'success', text: 'Saved.' })
    } catch (error) {
      setMessage({
        tone: 'error',
        text: isRuleError(error)
          ? error.message
          : 'The printing settings could not be saved. Nothing was changed; please try again.',
      })
    }
  })
  return (
    <section aria-labelledby="printing-title" className="card">
      <h2 id="printing-title">Printing</h2>
      <form autoComplete="off" onSubmit={onSubmit} noValidate onChange={() => setMessage(null)}>
        <ChoiceField
          form={form}
          name="paperSize"
          label="Paper size"
          hint="Prep sheets, chart copies and letters are laid out for this paper. You can change it for a single print."
          type="radio"
          options={optionsOf(PAPER_SIZE_WORDS)}
        />
        <h3>Letter templates</h3>
        <PlaceholderHelp />
        {LETTER_KINDS.map((kind) => (
          <div key={kind} className="template-field">
            <TextField
              form={form}
              name={`letterTemplates.${kind}`}
              label={LETTER_WORDS[kind]}
              hint={
                kind === 'outreach'
                  ? `${LETTER_PURPOSES[kind]} Step 3 of a walkout record (Reach out) uses it too, for the letter channel.`
                  : LETTER_PURPOSES[kind]
              }
              rows={12}
            />
            <button
              type="button"
              className="secondary"
              onClick={() => {
                form.setValue(`letterTemplates.${kind}`, DEFAULT_LETTER_TEMPLATES[kind], {
                  shouldDirty: true,
                  shouldValidate: true,
                })
                setMessage(null)
              }}
            >
              Restore the default {LETTER_WORDS[kind].toLowerCase()}
            </button>
          </div>
        ))}
        <div className="actions">
          <button type="submit">Save printing settings</button>
        </div>
        {message && <Notice tone={message.tone}>{message.text}</Notice>}
      </form>
    </section>
  )
}
