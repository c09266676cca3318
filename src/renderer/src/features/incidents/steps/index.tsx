import type { ReactElement } from 'react'
import { stepValues, type StepId } from '../../../domain/incident'
import { SignedStep } from '../StepDocument'
import type { StepProps } from '../StepFrame'
import { AdjustStep } from './AdjustStep'
import { CommunicateStep } from './CommunicateStep'
import { DiscussStep } from './DiscussStep'
import { FitStep } from './FitStep'
import { OutreachStep } from './OutreachStep'
import { ReflectStep } from './ReflectStep'
import { SafetyStep } from './SafetyStep'
import { WaitStep } from './WaitStep'

/** The form of each step, keyed by step id: a new step without a view fails to compile. */
export const STEP_VIEWS: { [K in StepId]: (props: StepProps<K>) => ReactElement } = {
  safety: SafetyStep,
  wait: WaitStep,
  outreach: OutreachStep,
  reflect: ReflectStep,
  discuss: DiscussStep,
  adjust: AdjustStep,
  communicate: CommunicateStep,
  fit: FitStep,
}

/** Shows the form of the given step, or, once the record is signed, the step as a document. */
export function StepView<K extends StepId>(props: StepProps<K>) {
  const View: (props: StepProps<K>) => ReactElement = STEP_VIEWS[props.step]
  if (props.readOnly)
    return <SignedStep step={props.step} values={stepValues(props.incident, props.step)} />
  return <View {...props} />
}
