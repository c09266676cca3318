import { zodResolver } from '@hookform/resolvers/zod'
import { useEffect, useId, useState } from 'react'
import { useForm, type UseFormReturn } from 'react-hook-form'
import { z } from 'zod'
import { CHANNEL_CONDITION_WORDS, CHANNEL_CONDITIONS } from '../../domain/client'
import { fillTemplate, unknownPlaceholders, type PlaceholderValues } from '../../domain/letters'
import {
  DEFAULT_OUTREACH_TEMPLATES,
  OUTREACH_TEMPLATE_KINDS,
  OUTREACH_TEMPLATES_WHERE,
  outreachConflicts,
  outreachTemplateFor,
  TEMPLATE_PURPOSES,
  TEMPLATE_WORDS,
  type OutreachTemplateKind,
  type OutreachTemplates,
} from '../../domain/outreach-templates'
import { placeholderValues } from '../../domain/placeholder-values'
import { DEFAULT_PRACTICE_SETTINGS, type PracticeSettings } from '../../domain/practice'
import { isRuleError } from '../../store/operations'
import { usePracticeSettings } from '../../store/queries'
import { useSession } from '../../store/session-context'
import { updatePracticeSettings } from '../../store/settings'
import { TextField } from '../../ui/form-fields'
import { Notice } from '../../ui/Notice'
import { PlaceholderHelp } from './PlaceholderHelp'

/** What the preview fills in for the client and for what is typed when using a template. */
const EXAMPLES = {
  'client.firstName': 'Sam',
  'next.available': 'Tuesday at 3 pm',
} as const satisfies PlaceholderValues

const templateText = z
  .string()
  .max(10_000, 'An outreach template is limited to 10,000 characters.')
  .superRefine((text, context) => {
    const unknown = unknownPlaceholders(text)
    if (unknown.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `${unknown.map((name) => `{{${name}}}`).join(', ')}: not a placeholder Mend knows. Use one of the placeholders listed above.`,
      })
    }
  })

const outreachSchema = z.object({
  'phone-script': templateText,
  text: templateText,
  email: templateText,
} satisfies Record<OutreachTemplateKind, typeof templateText>)
type OutreachValues = z.infer<typeof outreachSchema>

/** The templates as the form edits them: the text in use (the default when none was saved). */
function formTemplates(stored: OutreachTemplates): OutreachValues {
  return Object.fromEntries(
    OUTREACH_TEMPLATE_KINDS.map((kind) => [kind, outreachTemplateFor(kind, stored[kind])]),
  ) as OutreachValues
}

/** Back to storage: a template equal to the default is kept as "the default" (null). */
function storedTemplates(values: OutreachValues): OutreachTemplates {
  return Object.fromEntries(
    OUTREACH_TEMPLATE_KINDS.map((kind) => [
      kind,
      values[kind] === DEFAULT_OUTREACH_TEMPLATES[kind] ? null : values[kind],
    ]),
  ) as OutreachTemplates
}

/**
 * The phone script, text message and email templates of step 3 (Reach out), each with a live
 * preview, its unknown placeholders, the conditions it would warn about, and "Restore Mend's
 * default". The letter is the outreach letter under Printing (one template for both).
 */
export function OutreachTemplatesForm() {
  const session = useSession()
  const stored = usePracticeSettings()
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null)
  const form = useForm<OutreachValues>({
    resolver: zodResolver(outreachSchema),
    defaultValues: { ...DEFAULT_OUTREACH_TEMPLATES },
  })
  const { reset } = form
  const loaded = stored?.value
  useEffect(() => {
    if (loaded) reset(formTemplates(loaded.outreachTemplates))
  }, [loaded, reset])
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      // Only this section's part: the other settings are saved by their own sections.
      await updatePracticeSettings(
        session,
        (current) => ({ ...current, outreachTemplates: storedTemplates(values) }),
        'Outreach templates',
      )
      setMessage({ tone: 'success', text: 'Saved.' })
    } catch (error) {
      setMessage({
        tone: 'error',
        text: isRuleError(error)
          ? error.message
          : 'The outreach templates could not be saved. Nothing was changed; please try again.',
      })
    }
  })
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
      <form autoComplete="off" onSubmit={onSubmit} noValidate onChange={() => setMessage(null)}>
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
              setMessage(null)
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
