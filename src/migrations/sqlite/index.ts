import * as migration_20261128_162540_initial from './20261128_162540_initial';

export const migrations = [
  {
    up: migration_20261128_162540_initial.up,
    down: migration_20261128_162540_initial.down,
    name: '20261128_162540_initial'
  },
];
