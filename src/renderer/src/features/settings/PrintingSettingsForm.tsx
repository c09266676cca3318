import { z } from 'zod'
import {
  DEFAULT_LETTER_TEMPLATES,
  LETTER_KINDS,
  LETTER_PURPOSES,
  LETTER_WORDS,
} from '../../domain/letters'
import { PAPER_SIZE_WORDS, PAPER_SIZES, type PaperSize } from '../../domain/practice'
import { optionsOf } from '../../domain/words'
import { ChoiceField, TextField } from '../../ui/form-fields'
import { Notice } from '../../ui/Notice'
import { PlaceholderHelp } from './PlaceholderHelp'
import {
  templatesForForm,
  templatesToStore,
  templateText as textOf,
  usePracticeSection,
} from './practice-section'

const templateText = textOf('A letter template')

const printingSchema = z.object({
  paperSize: z.enum(PAPER_SIZES, { error: 'Choose a paper size.' }),
  letterTemplates: z.object({
    outreach: templateText,
    closing: templateText,
    referral: templateText,
  }),
})
type PrintingValues = z.infer<typeof printingSchema>

/** Paper size, and the letter templates with their placeholders. */
export function PrintingSettingsForm() {
  const { form, onSubmit, message, clearMessage } = usePracticeSection({
    schema: printingSchema,
    defaults: { paperSize: 'A4', letterTemplates: { ...DEFAULT_LETTER_TEMPLATES } },
    part: (settings) => settings,
    toForm: (settings): PrintingValues => ({
      paperSize: settings.paperSize,
      letterTemplates: templatesForForm(
        LETTER_KINDS,
        settings.letterTemplates,
        DEFAULT_LETTER_TEMPLATES,
      ),
    }),
    apply: (current, values) => ({
      ...current,
      paperSize: values.paperSize as PaperSize,
      letterTemplates: templatesToStore(
        LETTER_KINDS,
        values.letterTemplates,
        DEFAULT_LETTER_TEMPLATES,
      ),
    }),
    auditName: 'Printing',
    what: 'The printing settings',
  })
  return (
    <section aria-labelledby="printing-title" className="card">
      <h2 id="printing-title">Printing</h2>
      <form autoComplete="off" onSubmit={onSubmit} noValidate onChange={clearMessage}>
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
                clearMessage()
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
