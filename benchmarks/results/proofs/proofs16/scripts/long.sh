source /work/venv/bin/activate; cd /tmp/proofs16; export PYTHONPATH=/work/wt/proofs16:/work/wt/proofs16/plugins
for x in "talks-100 4" "talks-50 4" "talks-100 3" "talks-100 2"; do
  set -- $x
  uptime > long/$1-s$2.load
  python one.py $1 $2 300 > long/$1-s$2.json 2> long/$1-s$2.err
  uptime >> long/$1-s$2.load
done
