// The S3 operations the face serves, one function each (buckets.cc, objects.cc,
// listing.cc, multipart.cc); face.cc picks one from the method, path and subresource.
#pragma once

#include "controller/s3/call.h"

namespace berth::s3 {

// Every bucket is in this region (what HeadBucket and GetBucketLocation say).
inline constexpr char kRegion[] = "us-east-1";

Status ListBuckets(Call& call);
Status CreateBucket(Call& call);
Status HeadBucket(Call& call);
Status DeleteBucket(Call& call);
Status GetBucketLocation(Call& call);
Status GetBucketVersioning(Call& call);
Status PutBucketVersioning(Call& call);

Status PutObject(Call& call);
Status GetObject(Call& call);  // HEAD too
Status DeleteObject(Call& call);
Status ListObjects(Call& call);  // V1 and V2 (list-type=2)

Status CreateMultipartUpload(Call& call);
Status UploadPart(Call& call);
Status CompleteMultipartUpload(Call& call);
Status AbortMultipartUpload(Call& call);

}  // namespace berth::s3
