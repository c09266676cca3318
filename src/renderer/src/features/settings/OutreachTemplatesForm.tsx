import { useId } from 'react'
import { type UseFormReturn } from 'react-hook-form'
import { z } from 'zod'
import { CHANNEL_CONDITION_WORDS, CHANNEL_CONDITIONS } from '../../domain/client'
import { fillTemplate, type PlaceholderValues } from '../../domain/letters'
import {
  DEFAULT_OUTREACH_TEMPLATES,
  OUTREACH_TEMPLATE_KINDS,
  OUTREACH_TEMPLATES_WHERE,
  outreachConflicts,
  TEMPLATE_PURPOSES,
  TEMPLATE_WORDS,
  type OutreachTemplateKind,
} from '../../domain/outreach-templates'
import { placeholderValues } from '../../domain/placeholder-values'
import { DEFAULT_PRACTICE_SETTINGS, type PracticeSettings } from '../../domain/practice'
import { TextField } from '../../ui/form-fields'
import { Notice } from '../../ui/Notice'
import { PlaceholderHelp } from './PlaceholderHelp'
import {
  templatesForForm,
  templatesToStore,
  templateText as textOf,
  usePracticeSection,
} from './practice-section'

/** What the preview fills in for the client and for what is typed when using a template. */
const EXAMPLES = {
  'client.firstName': 'Sam',
  'next.available': 'Tuesday at 3 pm',
} as const satisfies PlaceholderValues

const templateText = textOf('An outreach template')

const outreachSchema = z.object({
  'phone-script': templateText,
  text: templateText,
  email: templateText,
} satisfies Record<OutreachTemplateKind, typeof templateText>)
type OutreachValues = z.infer<typeof outreachSchema>

/**
 * The phone script, text message and email templates of step 3 (Reach out), each with a live
 * preview, its unknown placeholders, the conditions it would warn about, and "Restore Mend's
 * default". The letter is the outreach letter under Printing (one template for both).
 */
export function OutreachTemplatesForm() {
  const { form, onSubmit, message, clearMessage, stored } = usePracticeSection({
    schema: outreachSchema,
    defaults: { ...DEFAULT_OUTREACH_TEMPLATES },
    part: (settings) => settings.outreachTemplates,
    toForm: (templates): OutreachValues =>
      templatesForForm(OUTREACH_TEMPLATE_KINDS, templates, DEFAULT_OUTREACH_TEMPLATES),
    // Only this section's part: the other settings are saved by their own sections.
    apply: (current, values) => ({
      ...current,
      outreachTemplates: templatesToStore(
        OUTREACH_TEMPLATE_KINDS,
        values,
        DEFAULT_OUTREACH_TEMPLATES,
      ),
    }),
    auditName: 'Outreach templates',
    what: 'The outreach templates',
  })
  const loaded = stored?.value
  const practice = loaded ?? DEFAULT_PRACTICE_SETTINGS
  return (
    <section aria-labelledby="outreach-templates-title" className="card">
      <h2 id="outreach-templates-title">Outreach templates</h2>
      <p>
        In step 3 of a walkout record (Reach out), “Use a template” fills one of these in for the
        client and copies it, for you to send yourself: Mend never sends anything. Keep them calm
        and brief, without blame, and offer a way back. The letter is the outreach letter, under
        Printing.
      </p>
      <form autoComplete="off" onSubmit={onSubmit} noValidate onChange={clearMessage}>
        <PlaceholderHelp />
        {OUTREACH_TEMPLATE_KINDS.map((kind) => (
          <TemplateEditor
            key={kind}
            kind={kind}
            form={form}
            practice={practice}
            onRestore={() => {
              form.setValue(kind, DEFAULT_OUTREACH_TEMPLATES[kind], {
                shouldDirty: true,
                shouldValidate: true,
              })
              clearMessage()
            }}
          />
        ))}
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            Save outreach templates
          </button>
        </div>
        {message && <Notice tone={message.tone}>{message.text}</Notice>}
      </form>
    </section>
  )
}

/** One template: the text, its preview with example values, what is wrong with it, and restore. */
function TemplateEditor({
  kind,
  form,
  practice,
  onRestore,
}: {
  kind: OutreachTemplateKind
  form: UseFormReturn<OutreachValues>
  practice: PracticeSettings
  onRestore: () => void
}) {
  const id = useId()
  const text = form.watch(kind) ?? ''
  const values = {
    ...placeholderValues({
      client: { displayName: EXAMPLES['client.firstName'] },
      incident: null,
      practice,
      today: new Date(),
    }),
    ...EXAMPLES,
  }
  const filled = fillTemplate(text, values, OUTREACH_TEMPLATES_WHERE)
  const warnsOn = CHANNEL_CONDITIONS.filter(
    (condition) =>
      outreachConflicts(filled, kind, [condition], practice.profile.practiceName).length > 0,
  )
  const word = TEMPLATE_WORDS[kind]
  return (
    <div className="template-field">
      <TextField
        form={form}
        name={kind}
        label={word}
        hint={TEMPLATE_PURPOSES[kind]}
        rows={kind === 'text' ? 4 : 10}
      />
      <h3 id={`${id}-preview`}>Preview of the {word.toLowerCase()}</h3>
      <p className="field__hint">
        With an example client, {EXAMPLES['client.firstName']}, and an example next available time;
        the rest comes from your practice profile.
      </p>
      <div
        className="template-preview prewrap"
        role="region"
        aria-labelledby={`${id}-preview`}
        tabIndex={0}
      >
        {filled.text}
      </div>
      {filled.missing.length > 0 && (
        <Notice tone="warning">
          <ul aria-label={`Placeholders of the ${word.toLowerCase()} that are not filled in`}>
            {filled.missing.map((m) => (
              <li key={m.name}>{m.message}</li>
            ))}
          </ul>
        </Notice>
      )}
      {warnsOn.length > 0 && (
        <p>
          Mend will warn before copying it on a channel where the client asked for{' '}
          {warnsOn.map((c) => `“${CHANNEL_CONDITION_WORDS[c]}”`).join(' or ')}.
        </p>
      )}
      <button type="button" className="secondary" onClick={onRestore}>
        Restore Mend’s default {word.toLowerCase()}
      </button>
    </div>
  )
}
