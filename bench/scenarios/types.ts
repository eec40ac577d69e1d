export interface Sample {
  /** The figure compared: a rate, a latency (ms), MiB or seconds. */
  value: number;
  p50?: number;
  p99?: number;
}

export interface Row {
  scenario: string;
  /** What the project does. */
  path: string;
  /** What it is compared against. */
  baseline: string;
  unit: string;
  /** Rates: higher is better; latency, memory, start-up: lower. */
  higherIsBetter: boolean;
  project: Sample[];
  bare: Sample[];
  /** A point of a scale curve. */
  scale?: { series: 'worker processes' | 'API processes'; x: number };
  note?: string;
}

export interface Ctx {
  tickets: number;
  rounds: number;
  quick: boolean;
  /** Seconds per duration-based load run. */
  durationS: number;
  log(message: string): void;
}

export interface Scenario {
  name: string;
  describe: string;
  run(ctx: Ctx): Promise<Row[]>;
}
