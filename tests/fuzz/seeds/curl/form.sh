curl -u user:pass -F 'file=@report.csv;type=text/csv' -F name=x --digest -x http://127.0.0.1:3128 -A agent -e ref -b 'a=1; b=2' http://127.0.0.1/upload
curl -G -d q=1 --data-urlencode 'n=a b' --url http://127.0.0.1/search -I --http2 --oauth2-bearer tok --json '{"a":1}' -d @body.json
