import { Component, type ErrorInfo, type ReactNode } from 'react'

interface Props {
  children: ReactNode
  /** Called when the user asks to try again, after the boundary resets. */
  onReset?: () => void
}

interface State {
  failed: boolean
}

/**
 * Catches a rendering failure and shows a calm message instead of a blank window or a stack
 * trace. The error itself is never shown or logged in full: its message may contain client data.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false }

  static getDerivedStateFromError(): State {
    return { failed: true }
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    reportError(error)
  }

  private readonly reset = () => {
    this.setState({ failed: false })
    this.props.onReset?.()
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children
    return <CalmError onRetry={this.reset} />
  }
}

export function CalmError({ onRetry }: { onRetry?: () => void }) {
  return (
    <section role="alert" className="calm-error" aria-labelledby="calm-error-title">
      <h1 id="calm-error-title">This screen ran into a problem</h1>
      <p>
        Nothing you saved has been lost. You can try this screen again, or go back to the start.
      </p>
      <div className="actions">
        {onRetry && (
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        )}
        <a href="#/">Go to the start</a>
      </div>
    </section>
  )
}

/** Logs that something failed, by kind only: never the message, which may carry client data. */
export function reportError(error: unknown): void {
  const kind = error instanceof Error ? error.name : typeof error
  console.error(`[mend] a screen failed (${kind})`)
}
