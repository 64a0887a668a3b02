#!/bin/sh
# Starts (or stops) a single-node Slurm cluster on this machine, for clio's scale-out
# test and for trying the array job before a real cluster: munge with a fresh key,
# slurmctld and slurmd started directly (no systemd), state under $STATE.
#   tools/slurm/local-cluster.sh start STATE_DIR   # prints nothing; waits until idle
#   tools/slurm/local-cluster.sh stop STATE_DIR    # stops what start started, by pid
# Needs root and Debian's slurmctld, slurmd, slurm-client and munge.
set -eu
cmd=${1:?usage: local-cluster.sh start|stop STATE_DIR}
STATE=${2:?usage: local-cluster.sh start|stop STATE_DIR}
host=$(hostname -s)

# Stops the daemons start started (by the pids they wrote) and waits until they are gone.
stop() {
    for p in slurmd slurmctld munged; do
        [ -f "$STATE/$p.pid" ] || continue
        pid=$(cat "$STATE/$p.pid")
        kill "$pid" 2>/dev/null || true
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$STATE/$p.pid"
    done
}

if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "local-cluster.sh: unknown command $cmd" >&2; exit 2; }

mkdir -p "$STATE/ctld" "$STATE/d" "$STATE/log" /etc/munge /run/munge /var/lib/munge /var/log/munge
chown munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
if [ ! -s /etc/munge/munge.key ]; then
    dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
fi
chown munge:munge /etc/munge/munge.key
chmod 400 /etc/munge/munge.key
if ! pgrep -x munged >/dev/null; then
    su -s /bin/sh munge -c "/usr/sbin/munged --pid-file=/run/munge/munged.pid"
    cp /run/munge/munged.pid "$STATE/munged.pid"
fi

mkdir -p /etc/slurm
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=clio
SlurmctldHost=$host(127.0.0.1)
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/d
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

/usr/sbin/slurmctld
/usr/sbin/slurmd
# Wait (up to 30 s) for the node to be idle: sbatch before then queues with "Nodes required".
i=0
while [ $i -lt 60 ]; do
    if sinfo -h -o '%T' 2>/dev/null | grep -q idle; then exit 0; fi
    sleep 0.5; i=$((i + 1))
done
echo "local-cluster.sh: the node did not come up; see $STATE/log/" >&2
stop
exit 1
