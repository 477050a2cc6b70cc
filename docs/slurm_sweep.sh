#!/bin/bash
# A Slurm job array that runs one sweep in 8 slices, then joins them.
#   sbatch docs/slurm_sweep.sh
# Each array task runs the design points i with i % 8 == its index (ccsim reads
# SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT itself) and writes
# one part; a second job, started when every task has finished, merges them.
#SBATCH --job-name=ccsim-sweep
#SBATCH --array=0-7
#SBATCH --cpus-per-task=4
#SBATCH --time=01:00:00
#SBATCH --output=sweep-%A_%a.log
set -euo pipefail
SCENARIO=scenarios/retail_bank.yaml
mkdir -p parts
build/ccsim sweep "$SCENARIO" \
  --vary agent_groups.tier1.agents=24:40:1 \
  --vary routing.agent_selection=longest_idle,most_skilled \
  -r 30 -j "${SLURM_CPUS_PER_TASK}" -o "parts/part-${SLURM_ARRAY_TASK_ID}.h5"
# The last task to finish submits nothing itself; run the merge as a dependent job:
#   sbatch --dependency=afterok:<array job id> --wrap "build/ccsim merge parts/part-*.h5 -o sweep.h5"
