import { useFieldArray } from 'react-hook-form'
import { CHANNEL_KINDS, CHANNEL_WORDS } from '../../../domain/client'
import { newId } from '../../../domain/ids'
import { optionsOf, OUTREACH_OUTCOME_WORDS, type OutreachAttempt } from '../../../domain/incident'
import { stamp } from '../../../domain/time'
import {
  DateField,
  DateTimeField,
  RepeatList,
  SelectField,
  TextField,
} from '../../../ui/form-fields'
import { Notice } from '../../../ui/Notice'
import { StepFrame, useStepForm, type StepProps } from '../StepFrame'
import { OutreachTemplate } from './OutreachTemplate'

/** Step 3: each attempt through a channel the client agreed to, or with a reason why not. */
export function OutreachStep(props: StepProps<'outreach'>) {
  const form = useStepForm(props)
  const attempts = useFieldArray({ control: form.control, name: 'attempts', keyName: 'key' })
  const agreed = props.client?.channels ?? []
  const agreedKinds = new Set(agreed.map((c) => c.kind))
  const values = form.watch('attempts')
  const channelOptions = [...CHANNEL_KINDS]
    .sort((a, b) => Number(agreedKinds.has(b)) - Number(agreedKinds.has(a)))
    .map((kind) => ({
      value: kind,
      label: `${CHANNEL_WORDS[kind]} ${agreedKinds.has(kind) ? '(agreed)' : '(not agreed)'}`,
    }))

  return (
    <StepFrame props={props} form={form}>
      {agreed.length === 0 ? (
        <Notice tone="warning">
          This client has no agreed contact channel on record. Any attempt needs a reason.
        </Notice>
      ) : (
        <p>
          Agreed channels:{' '}
          {agreed
            .map(
              (c) =>
                `${CHANNEL_WORDS[c.kind]}${c.detail ? ` (${c.detail})` : ''}${c.notes ? `: ${c.notes}` : ''}`,
            )
            .join('; ')}
          .
        </p>
      )}
      <OutreachTemplate
        client={props.client}
        incident={props.incident}
        practice={props.practice}
        onLog={(attempt) =>
          // Its outcome is left empty on purpose: choosing it is the therapist's, and saving asks.
          attempts.append(attempt as unknown as OutreachAttempt, {
            focusName: `attempts.${attempts.fields.length}.outcome`,
          })
        }
      />
      <RepeatList
        legend="Attempts to reach the client"
        emptyHint="No attempt logged yet."
        itemLegend={(index) => `Attempt ${index + 1}`}
        keys={attempts.fields.map((item) => item.key)}
        onRemove={attempts.remove}
        addLabel="Log an attempt"
        autoFocusAdd
        onAdd={() =>
          attempts.append({
            id: newId(),
            at: stamp(),
            channel: agreed[0]?.kind ?? 'phone-call',
            unconsentedReason: '',
            summary: '',
            outcome: 'no-answer',
            nextDue: '',
          })
        }
      >
        {(index) => {
          const channel = values?.[index]?.channel
          const unconsented = channel !== undefined && !agreedKinds.has(channel)
          // An attempt logged from a template has no outcome until the therapist chooses one.
          const unchosen = (values?.[index]?.outcome as string | undefined) === ''
          return (
            <>
              <div className="field-row">
                <DateTimeField form={form} name={`attempts.${index}.at`} label="When" />
                <SelectField
                  form={form}
                  name={`attempts.${index}.channel`}
                  label="Channel"
                  options={channelOptions}
                />
                <SelectField
                  form={form}
                  name={`attempts.${index}.outcome`}
                  label="Outcome"
                  options={[
                    ...(unchosen ? [{ value: '', label: 'Choose the outcome' }] : []),
                    ...optionsOf(OUTREACH_OUTCOME_WORDS),
                  ]}
                />
              </div>
              <TextField
                form={form}
                name={`attempts.${index}.unconsentedReason`}
                label={
                  unconsented
                    ? 'Why this channel was used (the client did not agree to it)'
                    : 'Reason, if the channel was not agreed'
                }
              />
              <TextField
                form={form}
                name={`attempts.${index}.summary`}
                label="Message summary"
                rows={2}
              />
              <DateField form={form} name={`attempts.${index}.nextDue`} label="Next attempt due" />
            </>
          )
        }}
      </RepeatList>
    </StepFrame>
  )
}
