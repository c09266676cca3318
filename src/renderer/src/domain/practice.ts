import { z } from 'zod'

/** A crisis or emergency resource the practice wants at hand (not client data). */
export const emergencyResourceSchema = z.object({
  name: z.string().trim().min(1, 'Enter the name of the resource.').max(200),
  phone: z.string().trim().max(50),
  notes: z.string().trim().max(500),
})
export type EmergencyResource = z.infer<typeof emergencyResourceSchema>

export const practiceSettingsSchema = z.object({
  emergencyResources: z.array(emergencyResourceSchema).max(20),
})
export type PracticeSettings = z.infer<typeof practiceSettingsSchema>

export const DEFAULT_PRACTICE_SETTINGS: PracticeSettings = {
  emergencyResources: [
    {
      name: '988 Suicide & Crisis Lifeline (US)',
      phone: '988',
      notes: 'Call or text 988, 24/7. Chat at 988lifeline.org.',
    },
    { name: 'Emergency services (US)', phone: '911', notes: 'Immediate danger to life.' },
  ],
}
