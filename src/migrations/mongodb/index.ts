import * as migration_20261128_000000_initial from './20261128_000000_initial'
import * as migration_20261130_000000_push_steps from './20261130_000000_push_steps'
import * as migration_20261130_080000_security_queues_replays from './20261130_080000_security_queues_replays'
import * as migration_20261130_221604_per_account_menus from './20261130_221604_per_account_menus'

export const migrations = [
  {
    up: migration_20261128_000000_initial.up,
    down: migration_20261128_000000_initial.down,
    name: '20261128_000000_initial',
  },
  {
    up: migration_20261130_000000_push_steps.up,
    down: migration_20261130_000000_push_steps.down,
    name: '20261130_000000_push_steps',
  },
  {
    up: migration_20261130_080000_security_queues_replays.up,
    down: migration_20261130_080000_security_queues_replays.down,
    name: '20261130_080000_security_queues_replays',
  },
  {
    up: migration_20261130_221604_per_account_menus.up,
    down: migration_20261130_221604_per_account_menus.down,
    name: '20261130_221604_per_account_menus',
  },
]
