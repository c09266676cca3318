import { describe, expect, it, vi } from 'vitest'
import { answerClosing } from '../../src/preload/closing'

describe('the preload answers "about to close" for the page', () => {
  it('done at once when nothing listens, or no listener has work pending', async () => {
    const reply = vi.fn()
    await answerClosing([], reply)
    await answerClosing([() => undefined], reply)
    expect(reply.mock.calls).toEqual([['done'], ['done']])
  })

  it('working while a listener works, done once all have settled, a failure included', async () => {
    const reply = vi.fn()
    let finish!: () => void
    const slow = new Promise<void>((resolve) => (finish = resolve))
    const answered = answerClosing(
      [() => slow, () => Promise.reject(new Error('no')), () => undefined],
      reply,
    )
    await Promise.resolve()
    expect(reply.mock.calls).toEqual([['working']])
    finish()
    await answered
    expect(reply.mock.calls).toEqual([['working'], ['done']])
  })

  it('a listener that throws does not hold the window, nor stop the others', async () => {
    const reply = vi.fn()
    const other = vi.fn()
    await answerClosing(
      [
        () => {
          throw new Error('no')
        },
        other,
      ],
      reply,
    )
    expect(other).toHaveBeenCalledTimes(1)
    expect(reply.mock.calls).toEqual([['done']])
  })
})
