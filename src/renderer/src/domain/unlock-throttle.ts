export * from '../../../shared/unlock-throttle'
