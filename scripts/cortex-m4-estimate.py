#!/usr/bin/env python3
"""Cortex-M4 cycle and energy estimate of one inference on QEMU's mps2-an386 (an emulated estimate).

QEMU models no cycles. This tool runs the firmware once with QEMU's execution log restricted to
the model's code (the functions reachable from the model's infer callback, found in the ELF's
disassembly), reads which translation blocks ran, how often and where each one went next, and
prices every executed instruction with the per-class cycle counts of the Cortex-M4 technical
reference manual (data/cycles/cortex-m4.json). The power model (data/power/*.json,
tinyfoot.power_model with clock_mhz) turns cycles into time and energy.

    scripts/cortex-m4-estimate.py --elf build/dev/firmware/tinyfoot-kws-qemu-an386-performance.elf \
        --input-size 490 --cycles data/cycles/cortex-m4.json \
        --power data/power/stm32l4r5-120mhz-1v8.json

Prints a JSON object: instructions and cycles per class, cycles with P = 1, 2, 3, inference time
and energy. Limits: docs/harness.md, "Cortex-M4 cycle estimate".
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import threading

CONDS = ["eq", "ne", "cs", "cc", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al"]
SUFFIXES = {"", "s"} | set(CONDS) | {"s" + c for c in CONDS} | {c + "s" for c in CONDS}

BASES = {
    "alu": "mov movw movt mvn add adc sub sbc rsb adr and orr orn eor bic tst teq cmp cmn lsl lsr asr ror rrx "
    "addw subw neg sxtb sxth uxtb uxth ubfx sbfx bfi bfc clz rbit rev rev16 revsh it ite itt itee itte ittt iteee "
    "ittee itett itete ittte itttt iteet itet nop sxtah sxtab uxtab uxtah dmb dsb isb",
    "multiply": "mul mla mls smull umull smlal umlal umaal smlabb smlabt smlatb smlatt smlawb smlawt smulbb "
    "smulbt smultb smultt smulwb smulwt smlad smladx smlsd smlsdx smuad smuadx smusd smusdx smlald smlaldx "
    "smlsld smlsldx smlalbb smlalbt smlaltb smlaltt smmul smmulr smmla smmlar smmls smmlsr usad8 usada8",
    "simd": "sxtb16 sxtab16 uxtb16 uxtab16 pkhbt pkhtb qadd qsub qdadd qdsub ssat usat ssat16 usat16 sadd16 "
    "ssub16 sadd8 ssub8 uadd16 usub16 uadd8 usub8 qadd16 qsub16 qadd8 qsub8 shadd16 shsub16 sel sasx ssax",
    "divide": "sdiv udiv",
    "load": "ldr ldrb ldrh ldrsb ldrsh ldrex ldrexb ldrexh ldrt ldrbt ldrht",
    "store": "str strb strh strex strexb strexh",
    "load_pair": "ldrd strd",
    "multiple": "ldm ldmia ldmfd ldmdb stm stmia stmea stmdb stmfd push pop",
    "branch": "b bl blx bx cbz cbnz tbb tbh",
    "fp": "vadd vsub vmul vnmul vabs vneg vcmp vcmpe vcvt vcvtr vmov vmrs vmsr vcvta vcvtb vcvtt vsel vmaxnm vminnm",
    "fp_mac": "vmla vmls vnmla vnmls vfma vfms vfnma vfnms",
    "fp_divide": "vdiv vsqrt",
    "fp_load": "vldr vstr",
    "fp_multiple": "vldm vldmia vldmdb vstm vstmia vstmdb vpush vpop",
}
BASE_CLASS = {b: c for c, bs in BASES.items() for b in bs.split()}
BASE_ORDER = sorted(BASE_CLASS, key=len, reverse=True)


def classify(mnemonic):
    m = mnemonic.split(".")[0].lower()
    if m[0] == "v":  # VFP: the data type follows a dot; conditions are rare
        for c in [""] + CONDS:
            if c and not m.endswith(c):
                continue
            base = m[: len(m) - len(c)] if c else m
            if base in BASE_CLASS:
                return base, BASE_CLASS[base]
    for base in BASE_ORDER:
        if m.startswith(base) and m[len(base):] in SUFFIXES:
            return base, BASE_CLASS[base]
    return m, None


def registers(operands):
    inside = operands[operands.find("{") + 1: operands.find("}")]
    n = 0
    for part in inside.split(","):
        part = part.strip()
        if "-" in part:
            a, b = part.split("-")
            n += int(re.sub(r"\D", "", b)) - int(re.sub(r"\D", "", a)) + 1
        elif part:
            n += 1
    return n


def disassembly(elf):
    """Functions (name -> (start, end)) and call/jump edges from arm-none-eabi-objdump -d."""
    out = subprocess.run(["arm-none-eabi-objdump", "-d", elf], check=True, capture_output=True, text=True).stdout
    funcs, calls, current = {}, collections.defaultdict(set), None
    for line in out.splitlines():
        h = re.match(r"^([0-9a-f]+) <([^>]+)>:$", line)
        if h:
            current = h.group(2)
            funcs[current] = [int(h.group(1), 16), int(h.group(1), 16)]
            continue
        i = re.match(r"^\s+([0-9a-f]+):\s+([0-9a-f]{4})(?: ([0-9a-f]{4}))?\s+(\S+)\s*(.*)$", line)
        if i and current:
            funcs[current][1] = int(i.group(1), 16) + (4 if i.group(3) else 2)
            t = re.search(r"<([^>+]+)(\+0x[0-9a-f]+)?>", i.group(5))
            if t and i.group(4).startswith("b") and t.group(1) != current:
                calls[current].add(t.group(1))
    return funcs, calls


def reachable(funcs, calls, root):
    seen, todo = set(), [root]
    while todo:
        f = todo.pop()
        if f in seen or f not in funcs:
            continue
        seen.add(f)
        todo.extend(calls[f])
    return seen


def protocol_script(size):
    data = bytes(((i * 29 + 7) & 0xFF) for i in range(size)).hex()
    lines = [f"db load {size}"] + ["db " + data[i: i + 62] for i in range(0, len(data), 62)] + ["infer 1 0"]
    return "%".join(lines) + "%"


def run_qemu(args, ranges, root_start):
    """Runs QEMU with in_asm and exec logging into a FIFO; returns (blocks, transitions)."""
    tmp = tempfile.mkdtemp(prefix="tinyfoot-m4-")
    fifo = os.path.join(tmp, "log")
    os.mkfifo(fifo)
    dfilter = ",".join(f"0x{a:x}+0x{b - a:x}" for a, b in ranges)
    cmd = [args.qemu, "-M", args.machine, "-nographic", "-monitor", "none", "-icount", "shift=3",
           "-semihosting-config", "enable=on,target=native", "-kernel", args.elf, "-serial", "stdio",
           "-d", "in_asm,exec,nochain", "-dfilter", dfilter, "-D", fifo]
    script = protocol_script(args.input_size)
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = []

    def talk():
        out, _ = proc.communicate(script.encode(), timeout=args.timeout)
        output.append(out.decode(errors="replace"))

    talker = threading.Thread(target=talk)
    talker.start()
    blocks, transitions = {}, collections.Counter()
    insn = re.compile(r"^0x([0-9a-f]+):\s+([0-9a-f]{4})(?: ([0-9a-f]{4}))?\s+(\S+)\s*(.*)$")
    trace = re.compile(r"^Trace \d+: 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/")
    block, previous, started = None, None, False
    with open(fifo, "r", errors="replace") as log:
        for line in log:
            if line.startswith("Trace"):
                m = trace.match(line)
                pc = int(m.group(1), 16)
                # Counting starts at the infer callback: model set-up at boot runs the same code.
                started = started or pc == root_start
                if not started:
                    continue
                transitions[(previous, pc)] += 1
                previous = pc
            elif line.startswith("IN:"):
                block = []
            elif line.startswith("0x") and block is not None:
                m = insn.match(line)
                if m:
                    block.append((int(m.group(1), 16), 4 if m.group(3) else 2, m.group(4), m.group(5)))
                    blocks[block[0][0]] = block
            elif not line.strip():
                block = None
    talker.join()
    transitions[(previous, None)] += 1
    os.unlink(fifo)
    os.rmdir(tmp)
    if "m-infer-done" not in output[0]:
        sys.exit("cortex-m4-estimate: the firmware did not finish the inference:\n" + output[0])
    return blocks, transitions


def estimate(blocks, transitions, table, funcs):
    cls = table["classes"]
    by_function = collections.Counter()
    counts = collections.Counter()  # instructions per class
    cycles = collections.Counter()  # fixed cycles per class (without P)
    refills = 0  # taken branches and PC loads: each costs P
    divides = 0
    unknown = collections.Counter()
    for (pc, nxt), n in transitions.items():
        if pc is None:
            continue
        block = blocks[pc]
        owner = next((f for f, (a, b) in funcs.items() if a <= pc < b), "?")
        by_function[owner] += n * len(block)
        prev_class = None
        for k, (addr, size, mnem, ops) in enumerate(block):
            base, c = classify(mnem)
            if c is None:
                unknown[base] += n
                c = "alu"
            counts[c] += n
            last = k == len(block) - 1
            if c in ("alu", "multiply", "simd", "fp", "fp_mac", "fp_divide", "fp_load"):
                cyc = cls[c]["cycles"]
                if c == "alu" and "pc" in ops.split(",")[0] and base in ("mov", "add"):
                    refills += n
            elif c == "divide":
                cyc = cls[c]["cycles_min"]
                divides += n
            elif c in ("load", "store"):
                cyc = cls[c]["pipelined"] if prev_class in ("load", "store") else cls[c]["cycles"]
                if c == "load" and ops.split(",")[0].strip() == "pc":
                    refills += n
            elif c == "load_pair":
                cyc = cls[c]["cycles"]
            elif c in ("multiple", "fp_multiple"):
                cyc = cls[c]["cycles_base"] + cls[c]["per_register"] * registers(ops)
                if c == "multiple" and "pc" in ops:
                    refills += n
            else:  # branch
                fallthrough = addr + size
                taken = (not last) or nxt is None or nxt != fallthrough
                if base in ("tbb", "tbh"):
                    cyc = 2
                    refills += n
                elif taken:
                    cyc = cls[c]["taken_base"]
                    refills += n
                else:
                    cyc = cls[c]["not_taken"]
            cycles[c] += cyc * n
            prev_class = c
    base_cycles = sum(cycles.values())
    p = table["pipeline_refill"]
    div_extra = divides * (cls["divide"]["cycles_max"] - cls["divide"]["cycles_min"])
    return {
        "instructions": sum(counts.values()),
        "instructions_by_class": dict(sorted(counts.items())),
        "cycles_by_class_without_refills": dict(sorted(cycles.items())),
        "pipeline_refills": refills,
        "cycles": base_cycles + p["central"] * refills + div_extra // 2,
        "cycles_low": base_cycles + p["min"] * refills,
        "cycles_high": base_cycles + p["max"] * refills + div_extra,
        "unclassified": dict(unknown),
        "instructions_by_function": dict(by_function.most_common()),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--root", default="kws_infer", help="the model's infer callback (default kws_infer)")
    ap.add_argument("--input-size", type=int, required=True, help="bytes loaded before 'infer 1 0'")
    ap.add_argument("--cycles", required=True)
    ap.add_argument("--power", required=True)
    ap.add_argument("--machine", default="mps2-an386")
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--timeout", type=int, default=600)
    args = ap.parse_args()
    table = json.load(open(args.cycles))
    power = json.load(open(args.power))
    funcs, calls = disassembly(args.elf)
    if args.root not in funcs:
        sys.exit(f"cortex-m4-estimate: {args.elf}: no function '{args.root}'")
    names = sorted(reachable(funcs, calls, args.root))
    ranges = sorted(tuple(funcs[f]) for f in names)
    blocks, transitions = run_qemu(args, ranges, funcs[args.root][0])
    r = estimate(blocks, transitions, table, {f: funcs[f] for f in names})
    mhz = power["clock_mhz"]
    watts = power["run_ua_per_mhz"] * 1e-6 * mhz * power["supply_v"]
    r["functions"] = names
    r["clock_mhz"] = mhz
    r["active_power_mw"] = watts * 1e3
    for key, suffix in (("cycles", ""), ("cycles_low", "_low"), ("cycles_high", "_high")):
        seconds = r[key] / (mhz * 1e6)
        r["inference_ms" + suffix] = seconds * 1e3
        r["energy_uj" + suffix] = watts * seconds * 1e6
    r["kind"] = "emulated estimate"
    print(json.dumps(r, indent=2))


if __name__ == "__main__":
    main()
