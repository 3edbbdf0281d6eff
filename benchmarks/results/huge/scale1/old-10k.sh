source /work/venv/bin/activate; B=/tmp/scale1/base; export PYTHONPATH=$B:$B/plugins; export SOURCE_DATE_EPOCH=1700000000; cd /tmp/scale1; O=o10k-base; mkdir -p $O
t(){ name=$1; shift; l1=$(cut -d' ' -f1 /proc/loadavg); /usr/bin/time -f "$name wall=%e cpu=%U+%S rss=%MkB" python -m scheduler.cli "$@" > $O/$name.stdout 2> $O/$name.stderr; echo "$(tail -n 1 $O/$name.stderr) load=$l1-$(cut -d' ' -f1 /proc/loadavg)"; }
t check check e10k.yaml s10k.yaml
t ical export ical e10k.yaml s10k.yaml -o $O/ical
t webp export web e10k.yaml s10k.yaml -o $O/webp --participant-calendars $O/LINKS.csv
t pdf export programme e10k.yaml s10k.yaml -o $O/p.pdf
t pdfl export programme e10k.yaml s10k.yaml -o $O/pl.pdf --layout list
t frab export frab e10k.yaml s10k.yaml -o $O/frab
t sj export schedule-json e10k.yaml s10k.yaml -o $O/sj
t xlsx export xlsx e10k.yaml s10k.yaml -o $O/x.xlsx
t diff diff s10k.yaml s10k.yaml --scenario e10k.yaml
